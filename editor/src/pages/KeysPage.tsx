// API keys: create (the secret is shown once, with a copy button), list, revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CreatedApiKey } from '@layercast/shared';
import { api } from '../api/client';
import { Button, ErrorNote, Field, Spinner, fieldMessageId } from '../ui/controls';
import { CopyBlock } from '../ui/copy';
import { Modal } from '../ui/Modal';
import { queryKeys } from '../api/queries';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

export function KeysPage() {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: queryKeys.keys, queryFn: api.keys.list });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const create = useMutation({
    mutationFn: (name: string) => api.keys.create({ name }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      qc.invalidateQueries({ queryKey: queryKeys.keys });
    },
  });
  const revoke = useMutation({
    mutationFn: api.keys.revoke,
    onSuccess: () => {
      setRevoking(null);
      qc.invalidateQueries({ queryKey: queryKeys.keys });
    },
  });
  return (
    <div className="narrow">
      <div className="page-head">
        <div>
          <h1>API keys</h1>
          <p className="muted">
            Keys authenticate <code>POST /api/generate</code> and sign URLs for private templates. Send one as{' '}
            <code>Authorization: Bearer …</code>.
          </p>
        </div>
      </div>
      <form
        className="card row-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Field
          label="New key name"
          htmlFor="key-name"
          error={create.error instanceof Error ? create.error.message : null}
          hint="For example the app or CI job that will use it."
        >
          <input
            id="key-name"
            className="input"
            aria-describedby={fieldMessageId('key-name')}
            value={name}
            maxLength={100}
            placeholder="production"
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!name.trim()}>
          Create key
        </Button>
      </form>
      {keys.isPending && <Spinner />}
      {keys.isError && <ErrorNote error={keys.error} onRetry={() => keys.refetch()} />}
      {keys.data && keys.data.length === 0 && (
        <div className="empty-state small">
          <p>No keys yet. Create one to call the API from your app.</p>
        </div>
      )}
      {keys.data && keys.data.length > 0 && (
        <table className="table" data-testid="keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th title="The kid of signed URLs">Key id</th>
              <th>May</th>
              <th>Created</th>
              <th>Last used</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  {/* Not a secret: signed URLs carry it in plain sight as `kid`. */}
                  <code className="key-id" data-testid="key-id">
                    {k.id}
                  </code>
                </td>
                <td data-testid="key-scopes">
                  {k.scopes.length === 4 ? 'everything' : k.scopes.join(', ')}
                  {k.templateIds ? ` · ${k.templateIds.length} template${k.templateIds.length === 1 ? '' : 's'}` : ''}
                </td>
                <td>{when(k.createdAt)}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td className="actions">
                  <Button size="sm" variant="ghost" onClick={() => setRevoking({ id: k.id, name: k.name })}>
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Modal
        open={created !== null}
        title="Your new API key"
        onClose={() => setCreated(null)}
        testId="created-key"
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            Done
          </Button>
        }
      >
        <p>Copy the key now: it is shown only once. Store it in your secret manager.</p>
        {created && <CopyBlock label={created.name} text={created.key} testId="created-key-secret" />}
        {created && (
          <p className="muted small">
            Key id (<code>kid</code> for signed URLs, also listed in the table):{' '}
            <code data-testid="created-key-id">{created.id}</code>
          </p>
        )}
      </Modal>
      <Modal
        open={revoking !== null}
        title="Revoke this key?"
        onClose={() => setRevoking(null)}
        footer={
          <>
            <Button onClick={() => setRevoking(null)}>Cancel</Button>
            <Button variant="danger" busy={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              Revoke key
            </Button>
          </>
        }
      >
        <p>
          Apps using <strong>{revoking?.name}</strong> will get 401 at once, and URLs it signed stop working. This
          cannot be undone.
        </p>
        {revoke.error && <ErrorNote error={revoke.error} />}
      </Modal>
    </div>
  );
}
