// Package fn is the engine's function library: the scalar functions and
// operators, casts, and aggregate functions of the Trino/Athena dialect,
// each resolved by name and argument types to a typed kernel over vectors.
//
// The planner (query/plan) resolves calls here, inserting the casts a
// signature asks for; the executor (query/exec) runs the kernels a batch
// at a time. A kernel never panics on data: bad values give an error
// naming the function (or NULL, for the try_ forms).
package fn
