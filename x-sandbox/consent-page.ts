/** The HTML of the sandbox's authorize (consent) page and of its error page. */
import { escapeHtml as e } from './http-util';
import { SCOPES } from './openapi';
import { SUBSCRIPTION_TYPES, type SandboxUser } from './state';

export interface AuthorizeParams {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f7f9f9; color: #0f1419; margin: 0; }
  main { max-width: 30rem; margin: 3rem auto; background: #fff; border: 1px solid #cfd9de; border-radius: 16px; padding: 2rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  .banner { background: #fff4d6; border: 1px solid #f5d67b; border-radius: 8px; padding: .5rem .75rem; font-size: .85rem; margin-bottom: 1rem; }
  .error { background: #fde8e8; border: 1px solid #f4a5a5; border-radius: 8px; padding: .5rem .75rem; margin-bottom: 1rem; }
  ul.scopes { padding-left: 1.2rem; } ul.scopes li { margin: .25rem 0; }
  code { background: #eff3f4; border-radius: 4px; padding: 0 .25rem; }
  fieldset { border: 1px solid #cfd9de; border-radius: 8px; margin: 1rem 0; }
  .user { display: block; margin: .35rem 0; }
  input[type=text] { width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #cfd9de; border-radius: 6px; font-size: 1rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: 999px; border: 1px solid #0f1419; cursor: pointer; }
  button.primary { background: #0f1419; color: #fff; }
  button.secondary { background: #fff; color: #0f1419; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner" role="note">X sandbox: a local stand-in for X's authorize page. Nothing here reaches X.</p>
${body}
</main>
</body>
</html>`;
}

export function renderConsentPage(opts: {
  params: AuthorizeParams;
  scopes: string[];
  users: SandboxUser[];
  error?: string;
  selectedUserId?: string;
}): string {
  const { params, scopes, users } = opts;
  const hidden = (Object.keys(params) as (keyof AuthorizeParams)[])
    .map((k) => `<input type="hidden" name="${k}" value="${e(params[k])}">`)
    .join('\n');
  const checkedId = opts.selectedUserId ?? users[0]?.id;
  const userRadios = users
    .map((u) => {
      const id = `user-${u.id}`;
      const checked = u.id === checkedId ? ' checked' : '';
      return `<div class="user"><input type="radio" name="user_id" id="${id}" value="${e(u.id)}"${checked}> <label for="${id}">@${e(u.username)} (${e(u.name)})${u.subscriptionType === 'None' ? '' : ` · ${e(u.subscriptionType)}`}</label></div>`;
    })
    .join('\n');
  const scopeItems = scopes
    .map((s) => `<li><code>${e(s)}</code>: ${e(SCOPES[s] ?? '')}</li>`)
    .join('\n');
  const error = opts.error ? `<p class="error" role="alert">${e(opts.error)}</p>` : '';
  return page(
    'Authorize app - X sandbox',
    `<h1>Authorize <span class="app">${e(params.client_id)}</span> to access your account?</h1>
${error}
<p>This app is asking for:</p>
<ul class="scopes" aria-label="Requested permissions">
${scopeItems}
</ul>
<form method="post" action="/i/oauth2/authorize">
${hidden}
<fieldset>
<legend>Sign in as</legend>
${userRadios}
</fieldset>
<p>
<label for="new_username">Or a new username</label>
<input type="text" id="new_username" name="new_username" autocomplete="off" spellcheck="false" placeholder="e.g. dana_example" maxlength="15">
</p>
<p>
<label for="subscription_type">X subscription of this account (Premium and PremiumPlus may post 25,000 characters)</label>
<select id="subscription_type" name="subscription_type">
<option value="">Keep as it is</option>
${SUBSCRIPTION_TYPES.map((t) => `<option value="${t}">${t}</option>`).join('\n')}
</select>
</p>
<div class="actions">
<button type="submit" class="primary" name="action" value="authorize">Authorize app</button>
<button type="submit" class="secondary" name="action" value="cancel">Cancel</button>
</div>
</form>`,
  );
}

export function renderErrorPage(reason: string): string {
  return page(
    'Something went wrong - X sandbox',
    `<h1>Something went wrong</h1>
<p>You weren't able to give access to the App. Go back and try logging in again.</p>
<p class="error" role="alert">${e(reason)}</p>`,
  );
}
