import neo4j from 'neo4j-driver';
const d = neo4j.driver('bolt://127.0.0.1:7698', neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'));
const r = await d.executeQuery(process.argv[2]!);
console.log(JSON.stringify(r.records.map((x) => x.toObject()), null, 1).slice(0, 3000));
await d.close();
