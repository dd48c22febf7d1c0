// Starts Swagger UI 5 (bundled, offline) on /openapi.json; a file, not inline, so the CSP holds.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
