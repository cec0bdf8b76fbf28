namespace AuthServer.Infrastructure;

/// <summary>Marks responses as never to be cached: they carry tokens or credentials (RFC 6749 §5.1).</summary>
public static class NoStoreFilter
{
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return next(context);
        });
}
