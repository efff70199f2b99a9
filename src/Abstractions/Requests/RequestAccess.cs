namespace PluginBot.Abstractions.Requests;

/// <summary>Who may send a request type.</summary>
public enum AccessLevel
{
    /// <summary>Any allowed user, admins and the system (the default when a request declares nothing).</summary>
    Allowed,

    /// <summary>Admins and the system only.</summary>
    AdminOnly,

    /// <summary>
    /// The owner of the object the request names, admins and the system. The owning plugin registers an
    /// <see cref="IRequestAuthorizer{TRequest}"/> that says whether the actor owns it.
    /// </summary>
    Owner,
}

/// <summary>Declares who may send the request type it marks.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AccessAttribute(AccessLevel level) : Attribute
{
    /// <summary>The access level.</summary>
    public AccessLevel Level { get; } = level;
}

/// <summary>Marks a request whose every call is written to the audit log.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AuditedAttribute : Attribute;

/// <summary>Marks a request exempt from the per-user rate limit (e.g. cheap reads a UI polls).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class NotRateLimitedAttribute : Attribute;

/// <summary>Marks a property whose value never reaches logs or the audit log (shown as <c>***</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SecretAttribute : Attribute;
