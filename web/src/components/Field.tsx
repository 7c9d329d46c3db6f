// A labelled form control with an optional hint and the server's complaint about this field.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
  problem?: string;
  children?: ReactNode; // a <select> or <textarea> instead of the input; it gets the id
  controlId?: string;
}

export function Field({ label, hint, problem, children, controlId, ...input }: FieldProps) {
  const generated = useId();
  const id = controlId ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ?? <input id={id} aria-describedby={hintId} aria-invalid={problem ? true : undefined} {...input} />}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {problem && <small className="problem">{problem}</small>}
    </div>
  );
}
