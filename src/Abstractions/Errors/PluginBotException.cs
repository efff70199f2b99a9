namespace PluginBot.Abstractions.Errors;

/// <summary>
/// Base of the errors every transport knows how to show: the message is meant for the person who sent
/// the request (one clear sentence saying what happened and what to do).
/// </summary>
public abstract class PluginBotException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected PluginBotException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The actor may not send this request or act on this object.</summary>
public sealed class ForbiddenException(string message) : PluginBotException(message);

/// <summary>The object named by the request does not exist (or is not visible to the actor).</summary>
public sealed class NotFoundException(string message) : PluginBotException(message);

/// <summary>The request conflicts with the current state (e.g. stopping a finished task).</summary>
public sealed class ConflictException(string message) : PluginBotException(message);

/// <summary>The actor sent too many requests; try again after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException(TimeSpan retryAfter)
    : PluginBotException($"Too many requests; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    /// <summary>How long to wait before the next request.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A plugin cannot start in this environment (its folder is in use, a required setting is missing): the host stops
/// with the message, which says what is wrong and how to fix it, as one line and no stack trace.
/// </summary>
public sealed class PluginStartException(string message, Exception? innerException = null) : PluginBotException(message, innerException);

/// <summary>One invalid field of a request.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record FieldError(string Field, string Message);

/// <summary>The request is invalid; <see cref="Errors"/> lists every failure, not only the first.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : PluginBotException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    /// <summary>Every failure, by field.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
