// The editor's one connection to the server: the typed client of @layercast/shared on this
// page's origin. No API key: the session cookie authenticates (same origin), and the client
// keeps the CSRF token that login, signup and /api/auth/me hand out. Every failure is a
// LayercastApiError with the server's message, so the UI shows `error.message` as it is.
import { type Account, createClient, isApiError } from '@layercast/shared';

export const api = createClient({ baseUrl: window.location.origin });

/** The signed-in account, or null when signed out (a 401 here is an answer, not an error). */
export async function fetchMe(): Promise<Account | null> {
  try {
    return (await api.auth.me()).account;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}
