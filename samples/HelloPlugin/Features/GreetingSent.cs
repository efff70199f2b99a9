using MediatR;

namespace HelloPlugin.Features;

/// <summary>Published after a greeting is sent.</summary>
/// <param name="Name">Who was greeted.</param>
/// <param name="ActorId">Who asked for it (0 for the system).</param>
/// <param name="SentAtUtc">When, in UTC.</param>
public sealed record GreetingSent(string Name, long ActorId, DateTime SentAtUtc) : INotification;
