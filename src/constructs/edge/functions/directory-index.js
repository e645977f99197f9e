// CloudFront Function (runtime cloudfront-js-2.0), viewer request: serves a directory's index.html.
// "/docs/" -> "/docs/index.html"; "/docs" (last segment without an extension) -> "/docs/index.html".
// A rewrite, not a redirect: the viewer keeps its URL, so pages under "/docs" should use absolute
// or root-relative links. The query string is left as it is. Plain ES5 function, no module syntax:
// CloudFront runs the file as given and calls `handler`.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    request.uri = uri + '/index.html';
  }
  return request;
}
