using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Identity;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Mediator;

/// <summary>
/// Opens a scope, establishes the actor and sends through the pipeline (whose authorization step re-checks a person
/// against the allow-list). Acting as the system is logged with the id of the plugin whose code asked, found from the
/// calling frame's assembly: the first time per plugin and request at Information, then at Debug.
/// </summary>
internal sealed class RequestSender(IServiceScopeFactory scopes, IsolatedEventPublisher publisher, IUserDirectory users, PluginCatalog catalog, ILogger<RequestSender> logger) : IRequestSender
{
    private readonly ConcurrentDictionary<(string Plugin, string Request), bool> _elevationsSeen = new();

    public async Task<TResponse> SendAsAsync<TResponse>(Actor actor, IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Elevating(actor, request.GetType().Name);
        await using var scope = Open(actor);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    public async Task<object?> SendAsAsync(Actor actor, IBaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Elevating(actor, request.GetType().Name);
        await using var scope = Open(actor);
        return await AnyRequest.SendAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), request, cancellationToken);
    }

    public Task PublishAsAsync(Actor actor, INotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Elevating(actor, notification.GetType().Name);
        return publisher.PublishAsync(notification, actor, cancellationToken);
    }

    public async Task<AsyncServiceScope> OpenScopeAsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsElevated(actor))
        {
            actor = await users.ResolveAsync(actor.Id, actor.Transport, cancellationToken)
                ?? throw new ForbiddenException($"User {actor.Id} is not on this bot's allow-list.");
        }
        else
        {
            Elevating(actor, "a scope");
        }

        return Open(actor);
    }

    private AsyncServiceScope Open(Actor actor)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = actor;
        return scope;
    }

    /// <summary>The system, and the admin token's id-less admin, skip the allow-list: say which plugin acts as them.</summary>
    private void Elevating(Actor actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsElevated(actor))
        {
            return;
        }

        var plugin = CallingPlugin();
        var first = _elevationsSeen.TryAdd((plugin, what), true);
        logger.Log(first ? LogLevel.Information : LogLevel.Debug, "Plugin {Plugin} sends {Request} as {Actor}", plugin, what, actor);
    }

    private static bool IsElevated(Actor actor) => actor.Kind == ActorKind.System || (actor.Kind == ActorKind.Admin && actor.Id == 0);

    /// <summary>The plugin whose code called the sender: the first frame outside the host, MediatR and the runtime.</summary>
    private string CallingPlugin()
    {
        var host = typeof(RequestSender).Assembly;
        foreach (var frame in new StackTrace(2, fNeedFileInfo: false).GetFrames())
        {
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (assembly is null || assembly == host || IsFramework(assembly))
            {
                continue;
            }

            return PluginOf(assembly);
        }

        return "host";
    }

    private string PluginOf(Assembly assembly)
    {
        var context = AssemblyLoadContext.GetLoadContext(assembly);
        var owner = catalog.Plugins.FirstOrDefault(p => p.Assembly == assembly)
            ?? catalog.Plugins.FirstOrDefault(p => p.Assembly is { } a && context is not null && context != AssemblyLoadContext.Default && AssemblyLoadContext.GetLoadContext(a) == context);
        return owner?.Manifest.Id ?? assembly.GetName().Name ?? "unknown";
    }

    private static bool IsFramework(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? "";
        return name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "MediatR" or "PluginBot.Abstractions"
            || name.StartsWith("Microsoft.", StringComparison.Ordinal);
    }
}
