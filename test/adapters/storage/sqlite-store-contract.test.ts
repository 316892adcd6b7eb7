import { openSqliteStore } from "../../../src/adapters/storage/open-sqlite-store.js";
import { describeStoreContract } from "../../helpers/store-contract.js";

describeStoreContract("SQLite in memory", async () => openSqliteStore(":memory:"));
