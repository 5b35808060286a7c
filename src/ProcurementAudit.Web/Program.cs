using System.Text.Json.Serialization;
using ProcurementAudit.Core;
using ProcurementAudit.Web.Endpoints;
using ProcurementAudit.Web.Infrastructure;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProcurementAuditCore(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddOpenApi();
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddHostedService<ImportJobService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
app.MapApi();

app.Run();

/// <summary>Entry point type for WebApplicationFactory in tests.</summary>
public partial class Program;
