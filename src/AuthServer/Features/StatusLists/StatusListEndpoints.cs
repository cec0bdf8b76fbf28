using AuthServer.StatusLists;
using AuthServer.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Features.StatusLists;

/// <summary>
/// The Token Status Lists of draft-ietf-oauth-status-list-20: <c>GET /status-lists/{list}</c> serves a Status List Token
/// (§8.1), and <c>GET /status-lists</c> the Status List Aggregation (§9) that tells resource servers which lists to hold.
/// Public, readable from any origin (§8.1: CORS), and revalidated by HTTP caches on every use, since the token's
/// <c>ttl</c> is what says how long a copy may serve (§8.2).
/// </summary>
public static class StatusListEndpoints
{
    public static IEndpointRouteBuilder MapStatusLists(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(StatusListLayout.PathPrefix + "/{list:int}", GetListAsync).WithName("StatusList").AllowAnonymous().RequireCors(StatusListLayout.CorsPolicy);
        routes.MapGet(StatusListLayout.PathPrefix, GetAggregationAsync).WithName("StatusListAggregation").AllowAnonymous().RequireCors(StatusListLayout.CorsPolicy);
        return routes;
    }

    public static async Task<IResult> GetListAsync(int list, HttpContext context, StatusListStore store, CancellationToken cancellationToken)
    {
        if (context.Request.Query.ContainsKey("time"))
        {
            return TypedResults.StatusCode(StatusCodes.Status501NotImplemented); // §8.4: no historical resolution
        }

        if (!AcceptsJwt(context.Request))
        {
            return TypedResults.StatusCode(StatusCodes.Status406NotAcceptable);
        }

        if (await store.GetAsync(list, cancellationToken) is not { } document)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = document.ETag;
        headers.CacheControl = "no-cache";
        return context.Request.Headers.IfNoneMatch.Contains(document.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(document.Token, StatusListTokenSigner.MediaType);
    }

    public static async Task<IResult> GetAggregationAsync(HttpContext context, StatusListStore store, IOptions<TokenOptions> options, CancellationToken cancellationToken)
    {
        var lists = await store.ListsAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Json(new StatusListAggregation([.. lists.Select(list => StatusListLayout.Uri(options.Value.Issuer, list))]));
    }

    private static bool AcceptsJwt(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => (a.Quality ?? 1) > 0 && new MediaTypeHeaderValue(StatusListTokenSigner.MediaType).IsSubsetOf(a));
    }
}
