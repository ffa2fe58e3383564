import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { telLink } from '../../../shared/phone/index.js';

export interface Office {
  name: string;
  phone: string;
}

/** The frame of every crew page: mobile viewport, one stylesheet, the office to call. */
export function Layout(props: {
  title: string;
  subtitle?: string;
  office: Office;
  children: Child;
}) {
  // The doctype keeps browsers out of quirks mode.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title>{props.title} · crewcall</title>
          <link rel="stylesheet" href="/assets/crew.css" />
        </head>
        <body>
          <header>
            <h1>{props.title}</h1>
            {props.subtitle ? <p>{props.subtitle}</p> : null}
          </header>
          <main>{props.children}</main>
          <footer>
            {props.office.name} · call the office:{' '}
            <a href={telLink(props.office.phone)}>{props.office.phone}</a>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A page for a link that leads nowhere useful, saying which and what to do. */
export function LinkProblemPage(props: { office: Office; title: string; message: string }) {
  return (
    <Layout title={props.title} office={props.office}>
      <section class="warning" role="alert">
        <p>{props.message}</p>
        <p>
          If you think this is a mistake, call the office at{' '}
          <a href={telLink(props.office.phone)}>{props.office.phone}</a>.
        </p>
      </section>
    </Layout>
  );
}
