// A text field over a document value: typing edits a draft; committing (blur, Enter)
// applies it when `apply` accepts it, or shows why not. The draft follows the value when
// the value changes elsewhere (undo, another layer selected).
import { useEffect, useState } from 'react';

/** `apply` gets the trimmed text and returns an error message, or null when it applied it. */
export function useDraftText(value: string, apply: (text: string) => string | null) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  const commit = (raw: string) => setError(apply(raw.trim()));
  return { text, setText, error, commit };
}
