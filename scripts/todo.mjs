// Placeholder for a script whose part of Hako does not exist yet: it says so and fails.
const [, , script, part] = process.argv;
console.error(`npm run ${script}: not available yet — ${part} has not landed.`);
process.exit(1);
