namespace AuthServer.Features.SignInPage;

/// <summary>A file of the sign-in page, embedded in the assembly so it is served whatever the content root.</summary>
internal sealed record EmbeddedAsset(byte[] Content, string ContentType)
{
    public static EmbeddedAsset Load(string fileName, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream($"AuthServer.SignInPage.{fileName}")
            ?? throw new InvalidOperationException($"The embedded asset {fileName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new EmbeddedAsset(copy.ToArray(), contentType);
    }

    public IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(Content, ContentType);
    }
}
