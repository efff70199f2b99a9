namespace PluginBot.Host.Storage;

internal sealed class UserRow
{
    public long Id { get; set; }

    public bool IsAllowed { get; set; }

    public bool IsAdmin { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    public string ChangedBy { get; set; } = "";
}

internal sealed class ApiTokenRow
{
    public string Id { get; set; } = "";

    public long UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the token, hex: the token itself is shown once and never stored.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

internal sealed class SettingRow
{
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class AuditRow
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public long ActorId { get; set; }

    public string ActorKind { get; set; } = "";

    public string Transport { get; set; } = "";

    public string Action { get; set; } = "";

    public string ArgumentsJson { get; set; } = "{}";

    public string Outcome { get; set; } = "";

    public string? Error { get; set; }

    public long DurationMs { get; set; }
}

internal sealed class OutboxRow
{
    public long Id { get; set; }

    public string DedupeKey { get; set; } = "";

    public string EventType { get; set; } = "";

    public string PayloadJson { get; set; } = "";

    public DateTime EnqueuedAtUtc { get; set; }

    public DateTime? DispatchedAtUtc { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When a failed entry is next tried (its back-off); null for a new entry.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>
    /// The full names, one a line, of the handlers that have not had the event yet; null until an attempt fails
    /// (all of them are owed).
    /// </summary>
    public string? PendingHandlers { get; set; }
}

internal sealed class ButtonTokenRow
{
    public string Id { get; set; } = "";

    public string RequestType { get; set; } = "";

    public string PayloadJson { get; set; } = "";

    public long? IssuedToUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
