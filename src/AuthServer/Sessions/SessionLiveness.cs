using System.Linq.Expressions;

namespace AuthServer.Sessions;

/// <summary>
/// What "live" means for a session, in one place: not revoked, before its absolute end, refreshed within a
/// refresh-token lifetime (so its refresh token is still valid), created no earlier than its user's
/// <c>TokensValidAfterUtc</c> (a logout-all or password change cuts off every older session, also one whose login
/// raced the change), and of a user who is not disabled. An expression, so that EF Core runs it in SQL, and compiled
/// once from the same tree, so that a loaded session is judged by the same rule.
/// </summary>
public static class SessionLiveness
{
    private static readonly Expression<Func<Session, DateTime, DateTime, bool>> Rule = (session, now, refreshedSince) =>
        session.RevokedAtUtc == null
        && session.ExpiresAtUtc > now
        && session.LastUsedAtUtc > refreshedSince
        && session.CreatedAtUtc >= session.User.TokensValidAfterUtc
        && session.User.DisabledAtUtc == null;

    private static readonly Func<Session, DateTime, DateTime, bool> CompiledRule = Rule.Compile();

    /// <summary>The sessions live at <paramref name="now"/>, for a query.</summary>
    public static Expression<Func<Session, bool>> LiveAt(DateTime now, TimeSpan refreshTokenLifetime)
    {
        // Member accesses on a constant, not constants: EF Core makes them SQL parameters, so the query is compiled once.
        var moment = Expression.Constant(new Moment(now, now - refreshTokenLifetime));
        var body = new Substitution(
                Rule.Parameters[1], Expression.Property(moment, nameof(Moment.Now)),
                Rule.Parameters[2], Expression.Property(moment, nameof(Moment.RefreshedSince)))
            .Visit(Rule.Body);
        return Expression.Lambda<Func<Session, bool>>(body, Rule.Parameters[0]);
    }

    /// <summary>The sessions not live at <paramref name="now"/>, for a query.</summary>
    public static Expression<Func<Session, bool>> EndedAt(DateTime now, TimeSpan refreshTokenLifetime)
    {
        var live = LiveAt(now, refreshTokenLifetime);
        return Expression.Lambda<Func<Session, bool>>(Expression.Not(live.Body), live.Parameters);
    }

    /// <summary>Whether a loaded session (with its <see cref="Session.User"/>) is live at <paramref name="now"/>.</summary>
    public static bool IsLiveAt(this Session session, DateTime now, TimeSpan refreshTokenLifetime) =>
        CompiledRule(session, now, now - refreshTokenLifetime);

    private sealed record Moment(DateTime Now, DateTime RefreshedSince);

    private sealed class Substitution(ParameterExpression now, Expression nowValue, ParameterExpression refreshedSince, Expression refreshedSinceValue)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == now ? nowValue : node == refreshedSince ? refreshedSinceValue : node;
    }
}
