// Spectral function for /core/path-segments-kebab-case. Given a path key
// (`$.paths[*]~`), every segment must be lowercase letters and digits with
// single hyphens between words, or a template such as {mailId}. The last
// segment may start with `_` (resource operations such as /_zoek). A trailing
// slash is left to the no-trailing-slash rules, so it is not reported twice.
const WORD = '[a-z0-9]+(?:-[a-z0-9]+)*';
const PLAIN = new RegExp(`^${WORD}$`);
const OPERATION = new RegExp(`^_${WORD}$`);
const TEMPLATE = /^\{[^{}/]+\}$/;

export default function kebabCasePath(path) {
  if (typeof path !== 'string') return [];
  if (path === '/') return [];
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = trimmed.split('/');
  if (segments.shift() !== '') return [{ message: `${path} must start with a slash.` }];
  const bad = segments.find((segment, index) => {
    if (TEMPLATE.test(segment) || PLAIN.test(segment)) return false;
    return !(index === segments.length - 1 && OPERATION.test(segment));
  });
  return bad === undefined ? [] : [{ message: `${path} is not kebab-case (segment "${bad}").` }];
}
