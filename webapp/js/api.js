// JSON-RPC 2.0 calls to ./api, with the bearer token asked once and kept in sessionStorage
// (this tab only). Every URL is relative to the page, so the dashboard works under any context path.

const TOKEN_KEY = 'sflow-monitor.api-token';
let nextId = 1;
let pendingToken = null;

export class RpcError extends Error {
  constructor(error) {
    super(error.data ? `${error.message}: ${error.data}` : error.message);
    this.code = error.code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

/** Resolves with a token typed by the person; one dialog however many calls are waiting. */
function askForToken(refused) {
  if (!pendingToken) {
    pendingToken = new Promise((resolve) => {
      const dialog = document.getElementById('token-dialog');
      const input = document.getElementById('token-input');
      document.getElementById('token-refused').hidden = !refused;
      input.value = '';
      dialog.addEventListener('close', () => {
        const value = input.value.trim();
        if (value) {
          sessionStorage.setItem(TOKEN_KEY, value);
        }
        pendingToken = null;
        resolve(value);
      }, { once: true });
      dialog.showModal();
      input.focus();
    });
  }
  return pendingToken;
}

async function post(body) {
  const headers = { 'Content-Type': 'application/json' };
  const t = token();
  if (t) {
    headers.Authorization = `Bearer ${t}`;
  }
  return fetch('api', { method: 'POST', headers, body });
}

/** The result of one call; throws RpcError for a JSON-RPC error. Asks for the token on HTTP 401. */
export async function call(method, params = {}) {
  const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: nextId++ });
  let response = await post(body);
  while (response.status === 401) {
    const hadToken = token() !== '';
    await askForToken(hadToken);
    response = await post(body);
  }
  const answer = await response.json();
  if (answer.error) {
    throw new RpcError(answer.error);
  }
  return answer.result;
}
