using System.Collections.Concurrent;
using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Mediator;

namespace PluginBot.Host.Commands;

/// <summary>Turns what a command's or button's request answered into the chat reply.</summary>
internal static class ReplyRendering
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, object, CommandContext, CancellationToken, ValueTask<Reply>>> RenderByType = new();
    private static readonly MethodInfo RenderTypedMethod = typeof(ReplyRendering).GetMethod(nameof(RenderTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// A <see cref="Reply"/> is sent as it is; another result goes through the <see cref="IReplyRenderer{TResult}"/> of
    /// the request's response type. A missing renderer is the plugin's bug: said plainly, not shown as the raw result.
    /// </summary>
    public static ValueTask<Reply> RenderAsync(IServiceProvider services, IBaseRequest request, object? result, CommandContext context, CancellationToken cancellationToken)
    {
        if (result is Reply reply)
        {
            return ValueTask.FromResult(reply);
        }

        var type = AnyRequest.ResponseType(request.GetType());
        if (result is null)
        {
            throw new InvalidOperationException($"{request.GetType().Name} answered nothing; a command's request answers a Reply or a result with a renderer.");
        }

        return RenderByType.GetOrAdd(type, static t =>
            (Func<IServiceProvider, object, CommandContext, CancellationToken, ValueTask<Reply>>)RenderTypedMethod.MakeGenericMethod(t).Invoke(null, null)!)
            (services, result, context, cancellationToken);
    }

    private static Func<IServiceProvider, object, CommandContext, CancellationToken, ValueTask<Reply>> RenderTyped<TResult>() =>
        static (services, result, context, cancellationToken) =>
            (services.GetService<IReplyRenderer<TResult>>()
                ?? throw new InvalidOperationException($"No chat renderer for {typeof(TResult).Name}: register one with services.AddReplyRenderer<{typeof(TResult).Name}, …>()."))
            .RenderAsync((TResult)result, context, cancellationToken);
}
