// A labelled form control with an optional hint and the server's complaint about this field.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../lib/api';

/** The server's complaint about one field, if its problem named it. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors.find((f) => f.field === field)?.message : undefined;
}

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
  // The complaint is described with the input too, so a screen reader reads it where it applies.
  const problemId = problem ? `${id}-problem` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ?? <input id={id} aria-describedby={describedBy} aria-invalid={problem ? true : undefined} {...input} />}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {problem && (
        <small id={problemId} className="problem">
          {problem}
        </small>
      )}
    </div>
  );
}
