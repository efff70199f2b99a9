using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Hosting;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Cli;

/// <summary><c>pluginbot token create|list|revoke</c>: per-user bearer tokens for the HTTP API.</summary>
internal sealed class TokenVerbs(HostBuildOptions options, TextWriter output, TextWriter error)
{
    public Command Token()
    {
        var user = new Option<long>("--user") { Description = "The Telegram user id the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "A label to recognise the token by.", DefaultValueFactory = _ => "api" };
        var create = new Command("create", "Create a token for a user; it is printed once and stored only as a hash.") { user, name };
        create.SetAction((parse, ct) => WithTokensAsync(async tokens =>
        {
            var userId = parse.GetValue(user);
            if (userId <= 0)
            {
                await error.WriteLineAsync("--user must be a positive Telegram user id.");
                return CliApp.ConfigurationError;
            }

            var (row, token) = await tokens.CreateAsync(userId, parse.GetValue(name) ?? "api", ct);
            await output.WriteLineAsync(token);
            await error.WriteLineAsync($"Token {row.Id} for user {userId} created. Store it now: it cannot be shown again. Revoke with `pluginbot token revoke {row.Id}`.");
            return CliApp.Ok;
        }, ct));

        var list = new Command("list", "List tokens (ids, users, names; never the tokens themselves).");
        list.SetAction((_, ct) => WithTokensAsync(async tokens =>
        {
            var rows = await tokens.ListAsync(ct);
            if (rows.Count == 0)
            {
                await output.WriteLineAsync("No tokens. Create one with `pluginbot token create --user <id>`.");
            }

            foreach (var row in rows)
            {
                var state = row.RevokedAtUtc is null ? "active" : $"revoked {row.RevokedAtUtc:yyyy-MM-dd}";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{row.Id}  user {row.UserId}  {row.Name}  created {row.CreatedAtUtc:yyyy-MM-dd}  {state}"));
            }

            return CliApp.Ok;
        }, ct));

        var id = new Argument<string>("id") { Description = "The token id shown by `token list`." };
        var revoke = new Command("revoke", "Revoke a token at once.") { id };
        revoke.SetAction((parse, ct) => WithTokensAsync(async tokens =>
        {
            var tokenId = parse.GetValue(id)!;
            if (await tokens.RevokeAsync(tokenId, ct))
            {
                await output.WriteLineAsync($"Token {tokenId} revoked.");
                return CliApp.Ok;
            }

            await error.WriteLineAsync($"No active token with id '{tokenId}'. See `pluginbot token list`.");
            return CliApp.Failed;
        }, ct));

        var token = new Command("token", "Manage HTTP API tokens.");
        token.Add(create);
        token.Add(list);
        token.Add(revoke);
        return token;
    }

    private Task<int> WithTokensAsync(Func<ApiTokenService, Task<int>> action, CancellationToken cancellationToken) =>
        HostSession.RunAsync(options, error, async app =>
        {
            await KernelStartup.PrepareDatabaseBesideBotAsync(app.Services, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<ApiTokenService>());
        });
}
