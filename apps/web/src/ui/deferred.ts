import { createElement, useEffect, useReducer, type ComponentType, type ReactNode } from 'react';

interface Deferred<P> {
  /** Renders the component once its code is here, and `placeholder` until then. */
  Component: ComponentType<P & { placeholder?: ReactNode }>;
  /** Starts loading the code now (idempotent). */
  preload(): Promise<void>;
}

/**
 * A lazily loaded component that does not suspend. React holds back the commit of a tree whose
 * lazy child is still loading, and with it every effect above it: the room's socket, its queries.
 * This renders a placeholder instead, so the rest of the room commits and starts work at once.
 * A failed load is thrown to the nearest error boundary; rendering again loads again.
 */
export function deferred<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Deferred<P> {
  let loaded: ComponentType<P> | null = null;
  let failure: { error: unknown } | null = null;
  let pending: Promise<void> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error: unknown) => {
        failure = { error };
        pending = null;
      },
    ));

  function DeferredComponent({ placeholder = null, ...props }: P & { placeholder?: ReactNode }) {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
      if (!loaded) void preload().then(rerender);
    }, []);
    if (failure) {
      const { error } = failure;
      failure = null;
      throw error;
    }
    return loaded ? createElement(loaded, props as unknown as P) : placeholder;
  }
  return { Component: DeferredComponent, preload };
}
