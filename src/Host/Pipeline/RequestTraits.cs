using System.Reflection;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Pipeline;

/// <summary>What a request type declares about itself, read once per type.</summary>
internal static class RequestTraits<TRequest>
{
    public static readonly AccessLevel Access = typeof(TRequest).GetCustomAttribute<AccessAttribute>()?.Level ?? AccessLevel.Allowed;

    public static readonly bool Audited = typeof(TRequest).IsDefined(typeof(AuditedAttribute), inherit: true);

    public static readonly bool RateLimited = !typeof(TRequest).IsDefined(typeof(NotRateLimitedAttribute), inherit: true);

    public static readonly string Name = typeof(TRequest).DeclaringType is { } outer ? $"{outer.Name}.{typeof(TRequest).Name}" : typeof(TRequest).Name;
}
