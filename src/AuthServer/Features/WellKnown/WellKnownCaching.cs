namespace AuthServer.Features.WellKnown;

/// <summary>
/// The well-known documents are public and change rarely, so clients and proxies may cache them briefly. Five
/// minutes is far below the announcement period, so a cached JWKS still learns a new key before it signs.
/// </summary>
public static class WellKnownCaching
{
    public const string CacheControl = "public, max-age=300";

    public static TBuilder WithPublicCaching<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = CacheControl;
            return next(context);
        });
}
