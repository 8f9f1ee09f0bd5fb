/**
 * The reference of the write benchmark: express taking the same request as the posts service
 * and doing nothing with it. A process of its own, like each service; prints its address.
 */
import express from 'express';

const app = express();
app.use(express.json());
app.post('/posts', (req, res) => {
  res.status(201).json({ id: 'hello', title: (req.body as { title?: unknown }).title });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify(server.address())}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
