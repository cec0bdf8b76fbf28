using AuthServer.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Features.Refresh;

/// <summary>
/// A cookie-mode refresh must carry what a cross-site HTML form cannot send: an <c>X-Requested-With</c>
/// header or a JSON content type. Either one makes a cross-origin browser request need a CORS preflight,
/// which this server grants only to configured origins (OWASP CSRF cheat sheet, "custom request headers").
/// </summary>
public static class CsrfGuard
{
    public const string HeaderName = "X-Requested-With";

    /// <summary>A well-formed request this server will not act on: 403 <c>invalid_request</c>.</summary>
    public static readonly Refusal MissingProof = new(
        AuthErrors.InvalidRequestCode, $"A refresh with the cookie must carry the {HeaderName} header or a JSON content type.", Status: StatusCodes.Status403Forbidden);

    public static bool CarriesProofOfScript(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName) ||
        (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) &&
         mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
