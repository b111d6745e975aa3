/** The app's mark, drawn in the current colour; decoration only (the title beside it says it). */
export function Logo({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true">
      <path d="M16 2 4 8v16l12 6 12-6V8L16 2Z" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M16 9 9 12.5v7L16 23l7-3.5v-7L16 9Z" fill="currentColor" opacity="0.85" />
    </svg>
  );
}
