import type { ReactNode } from 'react';

export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="brand-mark" aria-hidden="true">
          <span className="dot dot-amber" />
          <span className="dot dot-cyan" />
          Patchroom
        </p>
        <h1 id="auth-title">{title}</h1>
        {children}
        <p className="auth-footer">{footer}</p>
      </section>
    </main>
  );
}
