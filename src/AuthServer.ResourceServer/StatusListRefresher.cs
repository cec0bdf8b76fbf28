using System.Buffers.Text;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.ResourceServer;

/// <summary>
/// Keeps an API's Status Lists current, off the request path (draft-ietf-oauth-status-list-20 §8): it reads which lists
/// AuthServer serves from the Status List Aggregation its metadata names (§9), fetches each list again when its
/// <c>ttl</c> has passed, and keeps a copy only once its signature (a key of the JWKS), <c>typ</c>, issuer, <c>sub</c>,
/// <c>exp</c> and encoding check out. It fetches only from AuthServer's own origin, whatever a document says.
/// </summary>
internal sealed partial class StatusListRefresher(
    string scheme,
    IOptionsMonitor<JwtBearerOptions> jwtBearer,
    IOptionsMonitor<AuthServerJwtBearerOptions> settings,
    HeldStatusLists lists,
    TimeProvider time,
    ILogger<StatusListRefresher> logger) : BackgroundService
{
    public const string AggregationMetadataName = "status_list_aggregation_endpoint";
    public const string MediaType = "application/statuslist+jwt";

    private static readonly TimeSpan FirstFetchTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinimumPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumPause = TimeSpan.FromSeconds(30);

    // §11.5: a ttl outside sane bounds could have the API fetch far too often, or trust a list far too long.
    private static readonly TimeSpan MinimumTimeToLive = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumTimeToLive = TimeSpan.FromHours(1);

    private const int MaxLists = 1000;
    private const int MaxListBytes = 4 * 1024 * 1024;

    /// <summary>Fetches the lists once before the API answers, so its first requests can be checked; gives up after 10 s.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        first.CancelAfter(FirstFetchTimeout);
        try
        {
            await RefreshAsync(first.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, exception);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>One pass: the aggregation, then every list that is due. A list that fails keeps its last copy, for the grace period.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var options = jwtBearer.Get(scheme);
        var authority = new Uri(settings.Get(scheme).Authority!);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var aggregation = configuration.AdditionalData.TryGetValue(AggregationMetadataName, out var endpoint) ? SameOrigin(authority, endpoint as string) : null;
        if (aggregation is null)
        {
            throw new InvalidOperationException($"The metadata of {authority} names no {AggregationMetadataName} on its own origin.");
        }

        var uris = await ReadAggregationAsync(options.Backchannel, authority, aggregation, cancellationToken);
        foreach (var uri in uris)
        {
            if (lists.Get(uri) is { } held && time.GetUtcNow().UtcDateTime < held.DueAtUtc)
            {
                continue;
            }

            try
            {
                await FetchAsync(options.Backchannel, configuration, authority, uri, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or SecurityTokenException or InvalidDataException or JsonException or FormatException)
            {
                LogListFailed(logger, uri, exception);
            }
        }

        lists.RemoveAllBut(uris);
        LogRefreshed(logger, uris.Count, string.Join(' ', uris));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = failures == 0
                ? NextDue() - time.GetUtcNow().UtcDateTime
                : TimeSpan.FromTicks(Math.Min(MinimumPause.Ticks << Math.Min(failures, 5), MaximumPause.Ticks));
            await Task.Delay(pause < MinimumPause ? MinimumPause : pause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await RefreshAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure (AuthServer unreachable, a bad document) is retried; the lists held serve for their grace period.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures++;
                LogRefreshFailed(logger, exception);
            }
        }
    }

    private DateTime NextDue()
    {
        var due = lists.Uris.Select(uri => lists.Get(uri)?.DueAtUtc ?? DateTime.MinValue).DefaultIfEmpty(DateTime.MinValue).Min();
        return due == DateTime.MinValue ? time.GetUtcNow().UtcDateTime + MinimumPause : due;
    }

    private static async Task<HashSet<string>> ReadAggregationAsync(HttpClient client, Uri authority, Uri aggregation, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(aggregation, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return [.. json.RootElement.GetProperty("status_lists").EnumerateArray()
            .Select(uri => SameOrigin(authority, uri.GetString())?.ToString())
            .OfType<string>()
            .Take(MaxLists)];
    }

    private async Task FetchAsync(HttpClient client, OpenIdConnectConfiguration configuration, Uri authority, string uri, CancellationToken cancellationToken)
    {
        var held = lists.Get(uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        if (held?.ETag is { } etag)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (response.StatusCode == HttpStatusCode.NotModified && held is not null)
        {
            lists.Set(uri, held with { ConfirmedAtUtc = now });
            return;
        }

        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != MediaType || response.Content.Headers.ContentLength > MaxListBytes)
        {
            throw new InvalidDataException($"{uri} did not answer with a Status List Token.");
        }

        var token = await response.Content.ReadAsStringAsync(cancellationToken);
        var list = await VerifyAsync(token, configuration, authority, uri);
        lists.Set(uri, list with { ConfirmedAtUtc = now, ETag = response.Headers.ETag?.ToString() });
    }

    private async Task<StatusListSnapshot> VerifyAsync(string token, OpenIdConnectConfiguration configuration, Uri authority, string uri)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [settings.Get(scheme).Algorithm],
            ValidTypes = ["statuslist+jwt"],
            ValidIssuer = configuration.Issuer ?? authority.ToString(),
            ValidateAudience = false,
            RequireSignedTokens = true,
            RequireExpirationTime = false,
            LifetimeValidator = (notBefore, expires, _, _) => expires is null || Lifetime.Check(notBefore, expires, time.GetUtcNow().UtcDateTime),
        };
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            throw result.Exception as SecurityTokenException ?? new SecurityTokenException("The Status List Token is not valid.", result.Exception);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!string.Equals(jwt.Subject, uri, StringComparison.Ordinal)
            || !jwt.TryGetPayloadValue<JsonElement>("status_list", out var statusList)
            || !statusList.TryGetProperty("bits", out var bitsElement) || !bitsElement.TryGetInt32(out var bits) || bits is not (1 or 2 or 4 or 8)
            || !statusList.TryGetProperty("lst", out var lst) || lst.ValueKind != JsonValueKind.String)
        {
            throw new SecurityTokenException($"The Status List Token of {uri} does not describe that list (sub, bits or lst).");
        }

        var timeToLive = jwt.TryGetPayloadValue<long>("ttl", out var seconds) ? TimeSpan.FromSeconds(seconds) : MinimumTimeToLive;
        timeToLive = timeToLive < MinimumTimeToLive ? MinimumTimeToLive : timeToLive > MaximumTimeToLive ? MaximumTimeToLive : timeToLive;
        DateTime? expires = jwt.TryGetPayloadValue<long>("exp", out _) ? jwt.ValidTo : null;
        return new StatusListSnapshot(bits, Inflate(Base64Url.DecodeFromChars(lst.GetString())), default, timeToLive, expires, null);
    }

    // ZLIB (RFC 1950) as §4.1 says, and never more than 4 MiB inflated, whatever the compressed bytes claim: no zip bomb.
    private static byte[] Inflate(byte[] compressed)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = zlib.Read(buffer)) > 0)
        {
            if (inflated.Length + read > MaxListBytes)
            {
                throw new InvalidDataException("The Status List is larger than any list this package accepts.");
            }

            inflated.Write(buffer, 0, read);
        }

        return inflated.ToArray();
    }

    private static Uri? SameOrigin(Uri authority, string? candidate) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, authority.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, authority.Authority, StringComparison.OrdinalIgnoreCase)
            ? uri
            : null;

    [LoggerMessage(6003, LogLevel.Debug, "Holding {Count} Token Status Lists: {Uris}.")]
    private static partial void LogRefreshed(ILogger logger, int count, string uris);

    [LoggerMessage(6001, LogLevel.Warning, "Could not refresh the Token Status Lists; the lists held serve for their grace period.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(6002, LogLevel.Warning, "Could not refresh the Token Status List {Uri}; its last copy serves for its grace period.")]
    private static partial void LogListFailed(ILogger logger, string uri, Exception exception);
}
