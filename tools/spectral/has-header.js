// Spectral function: the headers map it is given must name the header in
// `options.name`. HTTP header names are case-insensitive (RFC 9110), so any
// spelling of the name counts.
export default function hasHeader(headers, options) {
  const wanted = String(options.name).toLowerCase();
  const names = headers !== null && typeof headers === 'object' ? Object.keys(headers) : [];
  if (names.some((name) => name.toLowerCase() === wanted)) return [];
  return [{ message: `Document the ${options.name} response header.` }];
}
