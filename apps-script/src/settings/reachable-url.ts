/**
 * Whether Google's servers can call the edge API at this URL. UrlFetchApp runs at Google,
 * not on the office's computer: it reaches only public hosts, over HTTPS here (the admin
 * routes carry signed requests). So `npm start` on 127.0.0.1, a LAN address or a *.local
 * name can never answer a real sheet. Apps Script has no URL class; the host is read by hand.
 */
export function whyGoogleCannotReach(apiUrl: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(apiUrl.trim());
  if (!m) return `the edge API URL "${apiUrl}" is not a web address.`;
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[2] as string).toLowerCase().replace(/\.$/, '');
  const advice =
    "Google's servers must reach the edge API over public HTTPS, so `npm start` on 127.0.0.1 cannot be called from a real sheet. For a trial, deploy the CDK stack (README, Deploy) and use its ApiUrl, or put `npm start` behind an HTTPS tunnel or reverse proxy you control and enter its https:// address.";
  if (isPrivateHost(host)) {
    return `${apiUrl} is a loopback or private address, which Google's servers cannot reach. ${advice}`;
  }
  if (scheme !== 'https') return `${apiUrl} is not https. ${advice}`;
  return null;
}

function isPrivateHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    return (
      v6 === '::1' ||
      v6 === '::' ||
      /^f[cd][0-9a-f]{2}:/.test(v6) || // unique local fc00::/7
      /^fe[89ab][0-9a-f]:/.test(v6) || // link-local fe80::/10
      /^::ffff:(127|10|192\.168|169\.254)\./.test(v6)
    );
  }
  return false;
}
