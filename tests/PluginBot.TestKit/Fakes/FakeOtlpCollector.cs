using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PluginBot.TestKit.Fakes;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver: <c>POST /v1/traces</c> with a protobuf
/// <c>ExportTraceServiceRequest</c>, answered 200 with an empty <c>ExportTraceServiceResponse</c> (an empty protobuf
/// message is zero bytes). Requests are recorded; span and scope names are readable in the body as UTF-8.
/// </summary>
public sealed class FakeOtlpCollector : FakeServer
{
    public IEnumerable<RecordedRequest> TraceExports => Requests.Where(r => r is { Method: "POST", Path: "/v1/traces" });

    protected override void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/traces", () => Results.Bytes([], "application/x-protobuf"));
}
