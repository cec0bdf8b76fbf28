namespace AuthServer.Infrastructure;

public static class NoStoreExtensions
{
    /// <summary>Marks the endpoints with <see cref="NoStore"/>: every answer carries <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c>.</summary>
    public static TBuilder WithNoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NoStore.Instance);
}
