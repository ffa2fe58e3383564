/** Posting a crew page form the way a browser on our origin does (plain form, no JavaScript). */
export async function postCrewForm(
  linkUrl: string,
  fields: Record<string, string>,
  origin = new URL(linkUrl).origin,
): Promise<{ status: number; location: string | null; result: string | null; body: string }> {
  const res = await fetch(linkUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  return {
    status: res.status,
    location,
    result: location ? new URL(location, linkUrl).searchParams.get('result') : null,
    body: await res.text(),
  };
}
