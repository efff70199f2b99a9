using PluginBot.Abstractions.Commands;

namespace PluginBot.Abstractions.Replies;

/// <summary>
/// Turns a feature's result (a view, a report) into a chat <see cref="Reply"/>. A command or button whose request
/// answers <typeparamref name="TResult"/> instead of a <see cref="Reply"/> is rendered by the renderer registered for
/// that type; HTTP endpoints serialize the same result as JSON, a web page renders it as HTML. So one handler serves
/// every transport. Register with <c>services.AddReplyRenderer&lt;TResult, TRenderer&gt;()</c>. Since host API 2.0.
/// </summary>
/// <typeparam name="TResult">The result type.</typeparam>
public interface IReplyRenderer<in TResult>
{
    /// <summary>The reply showing <paramref name="result"/> to the sender in <paramref name="context"/>.</summary>
    ValueTask<Reply> RenderAsync(TResult result, CommandContext context, CancellationToken cancellationToken);
}
