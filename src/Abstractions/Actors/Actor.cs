namespace PluginBot.Abstractions.Actors;

/// <summary>Who a request runs as.</summary>
public enum ActorKind
{
    /// <summary>A person on the allow-list.</summary>
    User,

    /// <summary>A person with admin rights (implicitly allowed).</summary>
    Admin,

    /// <summary>The bot itself: workers, schedules, start-up jobs, the CLI.</summary>
    System,
}

/// <summary>The identity a request runs as, set by the transport that received it.</summary>
/// <param name="Id">The user's id (a Telegram user id for people); 0 for <see cref="ActorKind.System"/>.</param>
/// <param name="Kind">User, Admin or System.</param>
/// <param name="Transport">Where the request came from: <c>telegram</c>, <c>http</c>, <c>cli</c>, <c>worker</c>, <c>schedule</c>.</param>
public sealed record Actor(long Id, ActorKind Kind, string Transport)
{
    /// <summary>The bot acting on its own behalf.</summary>
    public static Actor System(string transport) => new(0, ActorKind.System, transport);

    /// <summary>True for admins and the system.</summary>
    public bool IsPrivileged => Kind is ActorKind.Admin or ActorKind.System;

    /// <inheritdoc />
    public override string ToString() => Kind == ActorKind.System ? $"system/{Transport}" : $"{Kind.ToString().ToLowerInvariant()}:{Id}/{Transport}";
}
