/** POST /api/links/portal */
export interface PortalLinkBody {
  crew_id: string;
}

/** A personal portal link to send by hand; issuing one revokes the previous one. */
export interface PortalLinkAnswer {
  crew_id: string;
  url: string;
  /** 1 for the first link issued to this person, then 2, 3, ... */
  issue: number;
  expires_at: string;
}

/** POST /api/links/inspect */
export interface InspectLinkBody {
  /** A pasted link, or its bare token. */
  link: string;
}

/** Whose a pasted link is, for which call, expired or used; never the secret. */
export interface LinkInspection {
  /** False for a token we did not sign (or that was changed): nothing else is known then. */
  valid_signature: boolean;
  kind?: 'call' | 'portal';
  kid?: string;
  issued_at?: string;
  expires_at?: string;
  expired?: boolean;
  /** live, used or revoked; unknown when no record matches (e.g. after clean-up). */
  state?: 'live' | 'used' | 'revoked' | 'unknown';
  decision?: string;
  used_at?: string;
  revoked_because?: string;
  /** Whether it is still the person's current link for this call or portal. */
  current?: boolean;
  crew?: { crew_id: string; name: string };
  call_id?: string;
  charter_id?: string;
}

/** POST /api/links/feed: issue (or reissue) a crew member's calendar feed. */
export interface FeedLinkBody {
  crew_id: string;
}

/** A private calendar subscription URL; issuing one kills the previous URL. */
export interface FeedLinkAnswer {
  crew_id: string;
  /** https://…/cal/<token>.ics: paste into Google Calendar, Apple Calendar or Outlook. */
  url: string;
  /** The same address for Apple Calendar and Outlook's one-tap subscribe (webcal://). */
  webcal_url: string;
  /** 1 for the person's first feed, then 2, 3, ... */
  issue: number;
}

/** POST /api/links/portal/revoke and /api/links/feed/revoke. */
export interface RevokeLinkBody {
  crew_id: string;
}

/** What a revoke did: the person's link of this kind stopped working (or already had). */
export interface RevokeLinkAnswer {
  crew_id: string;
  kind: 'portal' | 'feed';
  /** The issue that was revoked. */
  issue: number;
  /** False when it had already been revoked: nothing changed. */
  revoked: boolean;
}
