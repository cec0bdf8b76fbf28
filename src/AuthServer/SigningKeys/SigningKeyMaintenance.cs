using AuthServer.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.SigningKeys;

/// <summary>
/// Rotates the asymmetric signing keys on every instance: every <see cref="KeyRotationOptions.ReloadInterval"/> it
/// creates the successor key when it is due, retires keys whose tokens have all expired, and reloads the keys
/// into the <see cref="SigningKeyRing"/>. Every step follows from the stored keys and the clock, so instances
/// that run it at different moments still agree.
/// </summary>
internal sealed class SigningKeyMaintenance(
    IServiceScopeFactory scopes,
    SigningKeyMaterial material,
    SigningKeyRing ring,
    IOptions<SigningOptions> signingOptions,
    IOptions<TokenOptions> tokenOptions,
    IOptions<KeyRotationOptions> keyOptions,
    TimeProvider time,
    ILogger<SigningKeyMaintenance> logger) : BackgroundService
{
    private readonly SemaphoreSlim _onePass = new(1, 1);
    private readonly Dictionary<string, AsymmetricSecurityKey> _opened = [];
    private string? _loggedSigningKeyId;

    private bool UsesSharedSecret => signingOptions.Value.UsesSharedSecret;

    /// <summary>One pass: creates the first key or a due successor, retires old keys, reloads the ring. Idempotent.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(force: false, cancellationToken);

    /// <summary>
    /// Creates a successor now, whatever the rotation period, unless one is announced already; it signs after the
    /// announcement period. Returns the key it created, or null.
    /// </summary>
    public Task<SigningKey?> RotateNowAsync(CancellationToken cancellationToken = default) => RunAsync(force: true, cancellationToken);

    public override void Dispose()
    {
        _onePass.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (UsesSharedSecret)
        {
            return;
        }

        using var timer = new PeriodicTimer(keyOptions.Value.ReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // A failed pass (the database briefly away) must not stop the server: the loaded keys keep serving.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.SigningKeyMaintenanceFailed(exception);
            }
        }
    }

    private async Task<SigningKey?> RunAsync(bool force, CancellationToken cancellationToken)
    {
        if (UsesSharedSecret)
        {
            return null;
        }

        await _onePass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<SigningKeyStore>();
            var created = await store.CreateDueKeyAsync(force, cancellationToken);
            if (created is not null)
            {
                LogCreated(created);
            }

            var schedule = await store.LoadAsync(includeRetired: false, cancellationToken);
            foreach (var kid in await store.RetireAsync(schedule, cancellationToken))
            {
                logger.SigningKeyRetired(kid);
            }

            Reload(schedule);
            return created;
        }
        finally
        {
            _onePass.Release();
        }
    }

    private void Reload(SigningKeySchedule schedule)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var live = schedule.VerifyingAt(now).ToList();
        foreach (var gone in _opened.Keys.Except(live.Select(k => k.Id)).ToList())
        {
            _opened.Remove(gone);
        }

        foreach (var key in live)
        {
            // Reuse opened keys: IdentityModel caches its signature providers per key instance.
            if (!_opened.ContainsKey(key.Id))
            {
                _opened[key.Id] = material.Open(key);
            }
        }

        var algorithm = signingOptions.Value.SigningAlgorithm;
        ring.Use(new SigningKeySchedule(live, tokenOptions.Value.AccessTokenLifetime), new Dictionary<string, AsymmetricSecurityKey>(_opened), algorithm);
        var signing = ring.Current.Key.KeyId;
        if (signing != _loggedSigningKeyId)
        {
            logger.SigningKeysLoaded(algorithm, signing);
            _loggedSigningKeyId = signing;
        }
    }

    private void LogCreated(SigningKey key)
    {
        if (key.ActivatesAtUtc == key.CreatedAtUtc)
        {
            logger.SigningKeyCreated(key.Algorithm, key.Id);
        }
        else
        {
            logger.SigningKeyAnnounced(key.Algorithm, key.Id, key.ActivatesAtUtc);
        }
    }
}
