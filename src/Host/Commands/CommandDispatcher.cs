using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Identity;
using PluginBot.Host.Mediator;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Commands;

/// <summary>
/// The command registry and dispatcher: parses a line, binds it to its request and sends it through the
/// pipeline in a new scope as the given actor. Errors a person can act on come back as replies; a reply for the
/// sender alone asked for in a shared conversation is delivered privately (<see cref="PrivateDelivery"/>).
/// </summary>
internal sealed class CommandDispatcher : ICommandDispatcher
{
    private readonly Dictionary<string, CommandDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CommandDispatcher> _logger;
    private readonly TextMessageRoute? _textRoute;
    private readonly PrivateDelivery _delivery;
    private readonly PluginCatalog? _plugins;

    public CommandDispatcher(
        IEnumerable<CommandDescriptor> commands,
        IEnumerable<TextMessageRoute> textRoutes,
        IEnumerable<CommandExtension> extensions,
        IServiceScopeFactory scopes,
        PrivateDelivery delivery,
        ILogger<CommandDispatcher> logger,
        PluginCatalog? plugins = null)
    {
        (_scopes, _delivery, _logger, _plugins) = (scopes, delivery, logger, plugins);
        var routes = textRoutes.ToList();
        _textRoute = routes.FirstOrDefault();
        foreach (var ignored in routes.Skip(1))
        {
            logger.LogWarning("Text messages already go to {Owner}; the route of {Ignored} is ignored", _textRoute!.Owner, ignored.Owner);
        }

        foreach (var command in commands)
        {
            if (!CommandNames.IsValid(command.Name))
            {
                logger.LogError("Command '{Name}' is ignored: a command name is 1–32 characters of a–z, 0–9 and _", command.Name);
            }
            else if (!_byName.TryAdd(command.Name, command))
            {
                logger.LogError("Command /{Name} is registered twice; the first registration is kept", command.Name);
            }
        }

        foreach (var group in extensions.GroupBy(e => e.Command, StringComparer.Ordinal))
        {
            if (_byName.TryGetValue(group.Key, out var command))
            {
                _byName[group.Key] = CommandExtensions.Compose(command, [.. group], logger);
            }
            else
            {
                logger.LogError("An extension of /{Name} is ignored: no plugin registers that command", group.Key);
            }
        }

        Commands = [.. _byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<CommandDescriptor> Commands { get; }

    public async Task<Reply> DispatchAsync(string commandLine, CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(context);
        var name = CommandLineParser.NameOf(commandLine);
        if (name is null || !_byName.TryGetValue(name, out var command))
        {
            return Reply.Problem($"Unknown command {(name is null ? commandLine.Split(' ')[0] : "/" + name)}. Send /help to see the commands.");
        }

        if (_plugins?.OwnerOfCommand(name) is { Status: not PluginStatus.Active } stopped)
        {
            return Reply.Problem(Redaction.Text(stopped.NotRunningMessage));
        }

        try
        {
            var request = command.Bind(CommandLineParser.Parse(commandLine, command.Flags), context);
            return await _delivery.DeliverAsync(await SendAsync(request, context, cancellationToken), context, cancellationToken);
        }
        catch (CommandSyntaxException ex)
        {
            return Reply.Problem($"{ex.Message}\nUsage: /{command.Name} {command.Usage}".TrimEnd());
        }
        catch (PluginBotException ex)
        {
            return Problem(ex);
        }
    }

    public async Task<Reply> PressAsync(string buttonData, CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buttonData);
        ArgumentNullException.ThrowIfNull(context);
        var reply = await SendAsync(
            (services, ct) => services.GetRequiredService<IButtonTokens>().ResolveAsync(buttonData, context.Actor, ct),
            context,
            cancellationToken);
        return await _delivery.DeliverAsync(reply, context, cancellationToken);
    }

    public async Task<Reply> HandleTextAsync(string text, CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        if (_textRoute is null)
        {
            return Reply.Plain("I answer commands only. Send /help to see them.");
        }

        var reply = await SendAsync((_, _) => Task.FromResult(_textRoute.Bind(text, context)), context, cancellationToken);
        return await _delivery.DeliverAsync(reply, context, cancellationToken);
    }

    /// <summary>A refusal in chat; several invalid fields one per line, so each can be mended.</summary>
    private static Reply Problem(PluginBotException exception) => exception is RequestValidationException { Errors.Count: > 1 } invalid
        ? Reply.Problem("That was not accepted:" + string.Concat(invalid.Errors.Select(e => $"\n• {e.Field}: {e.Message}")))
        : Reply.Problem(exception.Message);

    private Task<Reply> SendAsync(IBaseRequest request, CommandContext context, CancellationToken cancellationToken) =>
        SendAsync((_, _) => Task.FromResult(request), context, cancellationToken);

    /// <summary>
    /// Builds and sends a request (a command's, a button's, a message's) in a fresh scope as the sender, and renders
    /// what it answers: a <see cref="Reply"/> as it is, any other result through its <see cref="IReplyRenderer{TResult}"/>.
    /// </summary>
    private async Task<Reply> SendAsync(
        Func<IServiceProvider, CancellationToken, Task<IBaseRequest>> requestFactory,
        CommandContext context,
        CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Current = context.Actor;
        IBaseRequest? request = null;
        try
        {
            request = await requestFactory(scope.ServiceProvider, cancellationToken);
            // A button or a message can reach a plugin that stopped after it was shown; a command is refused before binding.
            if (_plugins?.OwnerOf(request.GetType()) is { Status: not PluginStatus.Active } stopped)
            {
                return Reply.Problem(Redaction.Text(stopped.NotRunningMessage));
            }

            var result = await AnyRequest.SendAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), request, cancellationToken);
            return await ReplyRendering.RenderAsync(scope.ServiceProvider, request, result, context, cancellationToken);
        }
        catch (PluginBotException ex)
        {
            return Problem(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "{Request} failed unexpectedly", request?.GetType().Name ?? "A button press");
            return Reply.Problem("Something went wrong on the bot's side; the error is logged. Try again, or ask an admin to check the logs.");
        }
    }
}

/// <summary>A command with its variants from other plugins folded in: one flag list, one usage, one binder.</summary>
internal static class CommandExtensions
{
    public static CommandDescriptor Compose(CommandDescriptor command, IReadOnlyList<CommandExtension> extensions, ILogger logger)
    {
        var kept = new List<CommandExtension>();
        foreach (var extension in extensions)
        {
            if (!extension.Flags.Any(f => f.Name == extension.Trigger))
            {
                logger.LogError("An extension of /{Name} is ignored: its trigger --{Trigger} is not one of its flags", command.Name, extension.Trigger);
            }
            else if (command.Flags.Any(f => f.Name == extension.Trigger) || kept.Any(k => k.Trigger == extension.Trigger))
            {
                logger.LogError("An extension of /{Name} is ignored: --{Trigger} is already taken", command.Name, extension.Trigger);
            }
            else
            {
                kept.Add(extension);
            }
        }

        if (kept.Count == 0)
        {
            return command;
        }

        // The variant's own flags that the command lacks; a flag both know (--model) keeps the command's description.
        var flags = command.Flags.ToList();
        foreach (var flag in kept.SelectMany(e => e.Flags))
        {
            if (!flags.Any(f => f.Name == flag.Name))
            {
                flags.Add(flag);
            }
        }

        var usage = string.Join("\n  or /" + command.Name + " ", [command.Usage, .. kept.Select(e => e.Usage)]);
        return command with
        {
            Usage = usage,
            Flags = flags,
            Bind = (arguments, context) =>
            {
                var variant = kept.FirstOrDefault(e => arguments.Has(e.Trigger));
                if (variant is null)
                {
                    // The command itself: flags that only a variant knows are as wrong as any unknown flag.
                    if (arguments.Flags.Keys.FirstOrDefault(f => !command.Flags.Any(c => c.Name == f)) is { } stray)
                    {
                        var owners = kept.Where(e => e.Flags.Any(f => f.Name == stray)).Select(e => "--" + e.Trigger);
                        throw new CommandSyntaxException($"--{stray} goes only with {string.Join(" or ", owners)}.");
                    }

                    return command.Bind(arguments, context);
                }

                if (arguments.Flags.Keys.FirstOrDefault(f => !variant.Flags.Any(v => v.Name == f)) is { } other)
                {
                    throw new CommandSyntaxException($"--{other} does not go with --{variant.Trigger}.");
                }

                return variant.Bind(arguments, context);
            },
        };
    }
}

internal static class CommandNames
{
    public static bool IsValid(string name) =>
        name.Length is >= 1 and <= 32 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
