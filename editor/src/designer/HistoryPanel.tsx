// The History panel: the template's saved versions, newest first, each with who saved it
// and a thumbnail drawn in the browser by the engine (only for rows scrolled into view).
// A row opens its version read-only on the canvas; two ticked rows open a side-by-side
// comparison with the changed pixels highlighted.
import type { TemplateVersionSummary } from '@layercast/shared';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';
import { DocumentThumbnail } from '../engine/DocumentThumbnail';
import { useVersionDocument } from './use-version-document';
import { Button, ErrorNote, Spinner } from '../ui/controls';
import { useSeen } from '../ui/use-seen';
import { VersionCompareDialog } from './VersionCompareDialog';

/** "Editor", the API key's name, or "CLI": what saved a version. */
export function savedByLabel(savedBy: TemplateVersionSummary['savedBy']): string {
  if (!savedBy) return 'Unknown';
  switch (savedBy.via) {
    case 'editor':
      return 'Editor';
    case 'cli':
      return 'CLI';
    case 'api_key':
      return savedBy.name ? `API key “${savedBy.name}”` : 'API key';
    default:
      return assertNever(savedBy.via);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown saver ${String(value)}`);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function HistoryPanel({
  templateId,
  viewing,
  onOpen,
}: {
  templateId: string;
  /** The version shown read-only on the canvas, if any. */
  viewing: number | null;
  onOpen(version: number): void;
}) {
  const versions = useQuery({
    queryKey: queryKeys.templates.versions(templateId),
    queryFn: () => api.templates.versions(templateId),
    refetchOnMount: 'always',
  });
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[number, number] | null>(null);

  if (versions.error) return <ErrorNote error={versions.error} onRetry={() => versions.refetch()} />;
  if (!versions.data) return <Spinner label="Loading versions" />;
  const list = versions.data;
  const current = list[0]?.version;
  const toggle = (version: number) =>
    setPicked((old) =>
      old.includes(version) ? old.filter((v) => v !== version) : [...old, version].slice(-2).sort((a, b) => a - b),
    );
  const pair = picked.length === 2 ? (picked as [number, number]) : null;

  return (
    <div className="history-panel" data-testid="history-panel">
      <div className="history-actions">
        <p className="field-hint" id="history-hint">
          Open a version to see it on the canvas. Tick two to compare them.
        </p>
        <Button size="sm" disabled={!pair} onClick={() => pair && setComparing(pair)} data-testid="compare-versions">
          {pair ? `Compare v${pair[0]} and v${pair[1]}` : 'Compare'}
        </Button>
      </div>
      <ol className="version-list" aria-label="Versions" aria-describedby="history-hint">
        {list.map((v) => (
          <VersionRow
            key={v.version}
            templateId={templateId}
            summary={v}
            isCurrent={v.version === current}
            isViewing={v.version === viewing}
            picked={picked.includes(v.version)}
            onOpen={() => onOpen(v.version)}
            onPick={() => toggle(v.version)}
          />
        ))}
      </ol>
      {comparing && (
        <VersionCompareDialog
          templateId={templateId}
          older={comparing[0]}
          newer={comparing[1]}
          onClose={() => setComparing(null)}
        />
      )}
    </div>
  );
}

function VersionRow({
  templateId,
  summary,
  isCurrent,
  isViewing,
  picked,
  onOpen,
  onPick,
}: {
  templateId: string;
  summary: TemplateVersionSummary;
  isCurrent: boolean;
  isViewing: boolean;
  picked: boolean;
  onOpen(): void;
  onPick(): void;
}) {
  const { version, createdAt, savedBy } = summary;
  const row = useRef<HTMLLIElement>(null);
  const seen = useSeen(row);
  const doc = useVersionDocument(templateId, version, seen);
  const by = savedByLabel(savedBy);
  const when = timeFormat.format(new Date(createdAt));
  return (
    <li
      ref={row}
      className={`version-row${isViewing ? ' is-viewing' : ''}`}
      data-testid="version-row"
      data-version={version}
    >
      <div className="version-thumb">
        {doc.data ? (
          <DocumentThumbnail doc={doc.data.jsonData} width={72} height={48} label={`Version ${version}`} />
        ) : (
          <span className="version-thumb-empty" aria-hidden />
        )}
      </div>
      <button type="button" className="version-open" onClick={onOpen} aria-current={isViewing ? 'true' : undefined}>
        <span className="version-number">
          <span className="sr-only">Open version </span>v{version}
          {isCurrent && <span className="version-current"> · current</span>}
        </span>
        <span className="version-meta">
          <time dateTime={createdAt}>{when}</time>
          <span data-testid="saved-by">{by}</span>
        </span>
      </button>
      <input
        type="checkbox"
        className="version-pick"
        checked={picked}
        onChange={onPick}
        aria-label={`Compare version ${version}`}
      />
    </li>
  );
}
