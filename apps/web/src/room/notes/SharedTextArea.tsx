import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { localEdit } from '../edits.ts';
import { diffText, transformIndex, type DeltaOp } from './text-binding.ts';

interface SharedTextAreaProps {
  doc: Y.Doc;
  text: Y.Text;
  label: string;
  readOnly: boolean;
  maxLength: number;
  placeholder?: string;
}

/**
 * A textarea whose content is a shared Y.Text: typing edits only the characters that changed,
 * and other people's typing appears without moving this user's caret.
 */
export function SharedTextArea({ doc, text, label, readOnly, maxLength, placeholder }: SharedTextAreaProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = useRef('');
  const composing = useRef(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.value = shown.current = text.toString();
    const observer = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (next === element.value) {
        shown.current = next;
        return;
      }
      const focused = document.activeElement === element;
      const { selectionStart, selectionEnd, selectionDirection } = element;
      element.value = shown.current = next;
      if (focused) {
        const delta = event.delta as DeltaOp[];
        element.setSelectionRange(transformIndex(selectionStart, delta), transformIndex(selectionEnd, delta), selectionDirection ?? 'none');
      }
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const commit = () => {
    const element = ref.current;
    if (!element || composing.current) return;
    const splice = diffText(shown.current, element.value, element.selectionEnd);
    if (!splice) return;
    localEdit(doc, () => {
      if (splice.remove > 0) text.delete(splice.index, splice.remove);
      if (splice.insert) text.insert(splice.index, splice.insert);
    });
    shown.current = element.value;
  };

  return (
    <textarea
      ref={ref}
      className="shared-text"
      aria-label={label}
      data-shared-text="true"
      readOnly={readOnly}
      maxLength={maxLength}
      placeholder={placeholder}
      spellCheck
      onInput={commit}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={() => {
        composing.current = false;
        commit();
      }}
    />
  );
}
