using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Replies;

namespace PluginBot.TestPlugins.FailsMigration;

/// <summary>Registers fine, then its migration fails at start: it must stop, with nothing of it running.</summary>
public sealed class FailsMigrationPlugin : IPlugin, IEndpointContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddPluginDbContext<BrokenDbContext>(context);
        services.AddCommand(new CommandDescriptor("brokendb", "Answers when the plugin runs", "", [], (_, _) => new Probe()));
        var startedFile = Path.Combine(context.DataDirectory, "started");
        services.AddHostedService(_ => new StartedMarker(startedFile));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/fails-migration/ping", () => Results.Ok("pong"));
}

public sealed record Probe : IRequest<Reply>;

public sealed class ProbeHandler : IRequestHandler<Probe, Reply>
{
    public Task<Reply> Handle(Probe request, CancellationToken cancellationToken) => Task.FromResult(Reply.Plain("running"));
}

/// <summary>Writes a file when started, so a test can tell it never ran.</summary>
public sealed class StartedMarker(string file) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => File.WriteAllTextAsync(file, "started", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class BrokenDbContext(DbContextOptions<BrokenDbContext> options) : DbContext(options);

[DbContext(typeof(BrokenDbContext))]
[Migration("20261207000000_Broken")]
public sealed class Broken : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("CREATE TABLE broken (id INTEGER PRIMARY KEY; this is not SQL");
}
