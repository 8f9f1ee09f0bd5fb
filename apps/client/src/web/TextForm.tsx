import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from './api';

interface TextFormProps {
  label: ReactNode;
  submitLabel: string;
  maxLength: number;
  placeholder?: string;
  /** Sends the text; a rejection's messages are shown under the field. */
  onSubmit: (text: string) => Promise<void>;
}

/**
 * One labelled text field and its button: the new-post form and every comment form. The API
 * validates (and trims); its error messages appear under the field, which stays focused.
 */
export function TextForm({ label, submitLabel, maxLength, placeholder, onSubmit }: TextFormProps) {
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      await onSubmit(text);
      setText('');
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Something went wrong.');
    } finally {
      setSending(false);
      input.current?.focus();
    }
  }

  return (
    <form className="text-form" onSubmit={(event) => void submit(event)} noValidate={false}>
      <label htmlFor={inputId}>{label}</label>
      <div className="text-form-row">
        <input
          ref={input}
          id={inputId}
          type="text"
          value={text}
          required
          maxLength={maxLength}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={sending}>
          {sending ? 'Sending…' : submitLabel}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
