"""og:image URLs: a cover's briefing spelled as a query string (`query`), and the HMAC
signature that lets only the publisher's URLs render (`signing`). The service reads
them; ``sharecard.sign_url`` and ``sharecard sign-url`` make them."""
