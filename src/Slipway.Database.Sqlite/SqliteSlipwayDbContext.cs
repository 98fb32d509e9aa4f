using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Database.Sqlite;

public sealed class SqliteSlipwayDbContext(DbContextOptions<SqliteSlipwayDbContext> options) : SlipwayDbContext(options);
