using System.Diagnostics.CodeAnalysis;

namespace AuthServer.Infrastructure;

/// <summary>
/// What a service answers: its value, or a <see cref="Infrastructure.Refusal"/>. Either converts implicitly, so a
/// service returns <c>tokens</c> or <c>Refusal.InvalidGrant(…)</c> alike. A class, so that no default value can pass
/// for a success.
/// </summary>
public sealed class Result<T>
{
    private Result(T value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value; meaningful only when <see cref="Succeeded"/>.</summary>
    public T Value { get; }

    public Refusal? Refusal { get; }

    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;

#pragma warning disable CA2225 // The conversions are the point: a service returns a value or a refusal as it is.
    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(default!, refusal);
#pragma warning restore CA2225
}
