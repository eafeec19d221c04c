// Icons drawn as SVG in the text colour: font glyphs for these (⧉, a bin, an eye, a lock,
// emoji) exist in no shipped UI font and show as empty boxes where no emoji font is
// installed. Every icon is decorative: the button carrying it has the accessible name.
import type { ReactNode } from 'react';

function Svg({ children, size = 15 }: { children: ReactNode; size?: number }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const DuplicateIcon = () => (
  <Svg>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
  </Svg>
);

export const TrashIcon = () => (
  <Svg>
    <path d="M2.5 4.5h11M6.5 4.5v-2h3v2M4 4.5l.75 9h6.5l.75-9M6.75 7v4.5M9.25 7v4.5" />
  </Svg>
);

export const EyeIcon = () => (
  <Svg>
    <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
  </Svg>
);

export const EyeOffIcon = () => (
  <Svg>
    <path d="M6.2 3.8A6.3 6.3 0 0 1 8 3.5c4.1 0 6.5 4.5 6.5 4.5a11 11 0 0 1-1.7 2.2M10.1 10.9a4 4 0 0 1-2.1.6C3.9 11.5 1.5 8 1.5 8a11.3 11.3 0 0 1 2.9-3.2M2 2l12 12" />
  </Svg>
);

export const LockIcon = () => (
  <Svg>
    <rect x="3.5" y="7" width="9" height="6.5" rx="1.2" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </Svg>
);

export const UnlockIcon = () => (
  <Svg>
    <rect x="3.5" y="7" width="9" height="6.5" rx="1.2" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 4.9-.7" />
  </Svg>
);

/** Alignment of layers: a bar for the edge or centre line and two boxes against it. */
export type AlignIconKind = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';

const ALIGN_PATHS: Record<AlignIconKind, ReactNode> = {
  left: (
    <>
      <path d="M2 1.5v13" />
      <rect x="4" y="3.5" width="9" height="3" rx=".5" />
      <rect x="4" y="9.5" width="5.5" height="3" rx=".5" />
    </>
  ),
  center: (
    <>
      <path d="M8 1.5v13" />
      <rect x="3" y="3.5" width="10" height="3" rx=".5" />
      <rect x="5" y="9.5" width="6" height="3" rx=".5" />
    </>
  ),
  right: (
    <>
      <path d="M14 1.5v13" />
      <rect x="3" y="3.5" width="9" height="3" rx=".5" />
      <rect x="6.5" y="9.5" width="5.5" height="3" rx=".5" />
    </>
  ),
  top: (
    <>
      <path d="M1.5 2h13" />
      <rect x="3.5" y="4" width="3" height="9" rx=".5" />
      <rect x="9.5" y="4" width="3" height="5.5" rx=".5" />
    </>
  ),
  middle: (
    <>
      <path d="M1.5 8h13" />
      <rect x="3.5" y="3" width="3" height="10" rx=".5" />
      <rect x="9.5" y="5" width="3" height="6" rx=".5" />
    </>
  ),
  bottom: (
    <>
      <path d="M1.5 14h13" />
      <rect x="3.5" y="3" width="3" height="9" rx=".5" />
      <rect x="9.5" y="6.5" width="3" height="5.5" rx=".5" />
    </>
  ),
};

export const AlignIcon = ({ kind }: { kind: AlignIconKind }) => <Svg>{ALIGN_PATHS[kind]}</Svg>;

export const DistributeIcon = ({ axis }: { axis: 'horizontal' | 'vertical' }) => (
  <Svg>
    {axis === 'horizontal' ? (
      <>
        <path d="M1.5 1.5v13M14.5 1.5v13" />
        <rect x="6" y="4" width="4" height="8" rx=".5" />
      </>
    ) : (
      <>
        <path d="M1.5 1.5h13M1.5 14.5h13" />
        <rect x="4" y="6" width="8" height="4" rx=".5" />
      </>
    )}
  </Svg>
);

export const LineIcon = () => (
  <Svg>
    <path d="M2.5 13.5l8-8M13.5 2.5l-5 1.2 3.8 3.8z" fill="currentColor" />
  </Svg>
);

export const PolygonIcon = () => (
  <Svg>
    <path d="M8 1.75l5.4 3.125v6.25L8 14.25l-5.4-3.125v-6.25z" />
  </Svg>
);

export const StarIcon = () => (
  <Svg>
    <path d="M8 1.75l1.9 3.9 4.3.6-3.1 3 .75 4.25L8 11.5l-3.85 2 .75-4.25-3.1-3 4.3-.6z" />
  </Svg>
);

export const QrIcon = () => (
  <Svg>
    <path d="M2.5 2.5h4v4h-4zM9.5 2.5h4v4h-4zM2.5 9.5h4v4h-4z" />
    <path d="M9.5 9.5h1.5v1.5M13.5 9.5v0M9.5 13.5h4v-2" />
  </Svg>
);
