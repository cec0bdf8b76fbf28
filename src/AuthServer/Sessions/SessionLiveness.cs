using System.Linq.Expressions;

namespace AuthServer.Sessions;

/// <summary>
/// What "live" means for a session, in one place: not revoked, before its absolute end, before its current refresh
/// token expires (it ends when left idle that long), and created no earlier than its user's
/// <c>TokensValidAfterUtc</c> (a logout-all or password change cuts off every older session, also one whose login
/// raced the change), and of a user who is not disabled. An expression, so that EF Core runs it in SQL, and compiled
/// once from the same tree, so that a loaded session is judged by the same rule.
/// </summary>
public static class SessionLiveness
{
    private static readonly Expression<Func<Session, DateTime, bool>> Rule = (session, now) =>
        session.RevokedAtUtc == null
        && session.ExpiresAtUtc > now
        && session.RefreshExpiresAtUtc > now
        && session.CreatedAtUtc >= session.User.TokensValidAfterUtc
        && session.User.DisabledAtUtc == null;

    private static readonly Func<Session, DateTime, bool> CompiledRule = Rule.Compile();

    /// <summary>The sessions live at <paramref name="now"/>, for a query.</summary>
    public static Expression<Func<Session, bool>> LiveAt(DateTime now)
    {
        // A member access on a constant, not a constant: EF Core makes it a SQL parameter, so the query is compiled once.
        var moment = Expression.Property(Expression.Constant(new Moment(now)), nameof(Moment.Now));
        var body = new Substitution(Rule.Parameters[1], moment).Visit(Rule.Body);
        return Expression.Lambda<Func<Session, bool>>(body, Rule.Parameters[0]);
    }

    /// <summary>The sessions not live at <paramref name="now"/>, for a query.</summary>
    public static Expression<Func<Session, bool>> EndedAt(DateTime now)
    {
        var live = LiveAt(now);
        return Expression.Lambda<Func<Session, bool>>(Expression.Not(live.Body), live.Parameters);
    }

    /// <summary>Whether a loaded session (with its <see cref="Session.User"/>) is live at <paramref name="now"/>.</summary>
    public static bool IsLiveAt(this Session session, DateTime now) => CompiledRule(session, now);

    private sealed record Moment(DateTime Now);

    private sealed class Substitution(ParameterExpression now, Expression nowValue) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == now ? nowValue : node;
    }
}
